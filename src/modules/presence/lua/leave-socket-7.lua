--[[ Removes one socket of a user from a class; the stay ends when it was the user's last socket.
  KEYS: the seven class keys (lua/includes/class-keys.lua)
  ARGV[1] userId  ARGV[2] socketId  ARGV[3] now (ms)  ARGV[4] classId
  Output: {outcome, participantCount}; outcome is LEFT (stay ended), STILL_IN (other sockets
  remain) or NOT_IN (this socket was not in the class, e.g. already swept).
]]
-- @include end-stay
local userId, member = ARGV[1], ARGV[1] .. '|' .. ARGV[2]
if redis.call('ZREM', KEYS[3], member) == 0 then
  return {'NOT_IN', redis.call('SCARD', KEYS[2])}
end
if redis.call('HINCRBY', KEYS[4], userId, -1) > 0 then
  return {'STILL_IN', redis.call('SCARD', KEYS[2])}
end
end_stay(userId, ARGV[3], ARGV[4])
return {'LEFT', redis.call('SCARD', KEYS[2])}
