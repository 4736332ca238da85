--[[ Which of the given sockets the class still holds (an instance checks its own after a
  count mismatch reported by renew-lease).
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1..n] "<userId>|<instance>|<socketId>" members
  Output: the members of ARGV that are no longer in the class.
]]
local gone = {}
for _, member in ipairs(ARGV) do
  if not redis.call('ZSCORE', KEYS[3], member) then table.insert(gone, member) end
end
return gone
