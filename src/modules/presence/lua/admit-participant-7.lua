--[[ Admits a user's socket into a live class, atomically enforcing the join code and capacity.
  KEYS: the seven class keys (lua/includes/class-keys.lua)
  ARGV[1] userId  ARGV[2] socketId  ARGV[3] now (ms)  ARGV[4] presence deadline (ms)
  ARGV[5] join code presented  ARGV[6] the user's display name
  Output: {outcome, participantCount}; outcome is ADMITTED (a new stay began), ALREADY_IN
  (another socket of the same user, not counted twice), FULL, NOT_LIVE, WRONG_CODE or IS_TEACHER.
]]
local userId, member = ARGV[1], ARGV[1] .. '|' .. ARGV[2]
local meta = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'teacherId', 'joinCode')
if meta[1] ~= 'LIVE' then return {'NOT_LIVE', 0} end
if meta[4] ~= ARGV[5] then return {'WRONG_CODE', 0} end
if meta[3] == userId then return {'IS_TEACHER', 0} end
if redis.call('SISMEMBER', KEYS[2], userId) == 1 then
  if redis.call('ZADD', KEYS[3], ARGV[4], member) == 1 then
    redis.call('HINCRBY', KEYS[4], userId, 1)
  end
  return {'ALREADY_IN', redis.call('SCARD', KEYS[2])}
end
local count = redis.call('SCARD', KEYS[2])
if count >= tonumber(meta[2]) then return {'FULL', count} end
redis.call('SADD', KEYS[2], userId)
redis.call('HSET', KEYS[5], userId, ARGV[3])
redis.call('HSET', KEYS[6], userId, ARGV[6])
redis.call('ZADD', KEYS[3], ARGV[4], member)
redis.call('HSET', KEYS[4], userId, 1)
return {'ADMITTED', count + 1}
