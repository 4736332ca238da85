--[[ Brings what the class holds of one app instance's sockets in line with what the instance
  knows (after renew-lease reported a different count): its sockets the class no longer holds
  are reported; sockets the class holds for the instance that the instance no longer has (a
  removal lost to a Redis failover) are removed, ending the stays left without sockets.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] instance  ARGV[2] now (ms)  ARGV[3] classId  ARGV[4..n] the instance's members
  ("<userId>|<instance>|<socketId>")
  Output: {gone, ended}: the given members the class no longer holds, and the users whose stays
  this call ended.
]]
-- @include remove-socket
local instance, now, classId = ARGV[1], ARGV[2], ARGV[3]
local known, gone, ended = {}, {}, {}
for i = 4, #ARGV do
  known[ARGV[i]] = true
  if not redis.call('ZSCORE', KEYS[3], ARGV[i]) then table.insert(gone, ARGV[i]) end
end
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  if not known[member] and string.match(member, '^[^|]*|([^|]*)|') == instance then
    local userId = remove_socket(member, now, classId)
    if userId then table.insert(ended, userId) end
  end
end
return {gone, ended}
