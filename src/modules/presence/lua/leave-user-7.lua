--[[ A user leaves a class on purpose (LEAVE_CLASS from any of their sockets or devices): every
  socket of theirs is removed and their stay ends, writing one attendance record.
  KEYS: the seven class keys (lua/includes/class-keys.lua)
  ARGV[1] userId  ARGV[2] now (ms)  ARGV[3] classId
  Output: {outcome, participantCount}; outcome is LEFT, or NOT_IN when the user is not in it.
]]
-- @include end-stay
local userId = ARGV[1]
if redis.call('SISMEMBER', KEYS[2], userId) == 0 then
  return {'NOT_IN', redis.call('SCARD', KEYS[2])}
end
local prefix = userId .. '|'
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  if string.sub(member, 1, #prefix) == prefix then redis.call('ZREM', KEYS[3], member) end
end
end_stay(userId, ARGV[2], ARGV[3])
return {'LEFT', redis.call('SCARD', KEYS[2])}
