--[[ A user leaves a class on purpose (LEAVE_CLASS from any of their sockets or devices): every
  socket of theirs is removed and their stay ends, writing one attendance record.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] userId  ARGV[2] now (ms)  ARGV[3] classId
  Output: {outcome, participantCount}; outcome is LEFT, or NOT_IN when the user is not in it.
]]
-- @include remove-socket
local userId = ARGV[1]
if redis.call('SISMEMBER', KEYS[2], userId) == 0 then
  return {'NOT_IN', redis.call('SCARD', KEYS[2])}
end
local prefix = userId .. '|'
for _, member in ipairs(redis.call('ZRANGEBYLEX', KEYS[3], '[' .. prefix, '[' .. prefix .. '\255')) do
  remove_socket(member, ARGV[2], ARGV[3])
end
-- A member without sockets (its last one just went) has been ended by remove_socket.
if redis.call('SISMEMBER', KEYS[2], userId) == 1 then end_stay(userId, ARGV[2], ARGV[3]) end
return {'LEFT', redis.call('SCARD', KEYS[2])}
