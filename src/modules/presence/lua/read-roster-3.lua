--[[ Reads one step of a live class's roster (read-only): a batch of the open stays, taken with
  HSCAN so no call costs more than its batch, each with the participant's name, and the count.
  KEYS[1] participants (SET of userIds; SCARD is the live count)
  KEYS[2] stays (HASH userId -> joinedAt ms of the open stay)
  KEYS[3] names (HASH userId -> display name)
  ARGV[1] HSCAN cursor ('0' to begin)  ARGV[2] COUNT hint
  Output: {next HSCAN cursor ('0' when the scan is complete), participant count,
  userId, joinedAt, name, userId, joinedAt, name, ...}
]]
local scan = redis.call('HSCAN', KEYS[2], ARGV[1], 'COUNT', ARGV[2])
local result = {scan[1], redis.call('SCARD', KEYS[1])}
local fields = scan[2]
for i = 1, #fields, 2 do
  result[#result + 1] = fields[i]
  result[#result + 1] = fields[i + 1]
  result[#result + 1] = redis.call('HGET', KEYS[3], fields[i]) or ''
end
return result
