--[[ Admits a user's socket into a live class, atomically enforcing the join code and capacity,
  and records which app instance holds the socket (its lease covers the socket from now on).
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] userId  ARGV[2] instance  ARGV[3] socketId  ARGV[4] now (ms)
  ARGV[5] the instance's lease deadline (ms)  ARGV[6] join code presented  ARGV[7] display name
  Output: {outcome, participantCount}; outcome is ADMITTED (a new stay began), ALREADY_IN
  (another socket of the same user, not counted twice), FULL, NOT_LIVE, WRONG_CODE or IS_TEACHER.
]]
local userId, instance = ARGV[1], ARGV[2]
local meta = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'teacherId', 'joinCode')
if meta[1] ~= 'LIVE' then return {'NOT_LIVE', 0} end
if meta[4] ~= ARGV[6] then return {'WRONG_CODE', 0} end
if meta[3] == userId then return {'IS_TEACHER', 0} end
local outcome = 'ALREADY_IN'
if redis.call('SISMEMBER', KEYS[2], userId) == 0 then
  local count = redis.call('SCARD', KEYS[2])
  if count >= tonumber(meta[2]) then return {'FULL', count} end
  redis.call('SADD', KEYS[2], userId)
  redis.call('HSET', KEYS[5], userId, ARGV[4])
  redis.call('HSET', KEYS[6], userId, ARGV[7])
  outcome = 'ADMITTED'
end
if redis.call('ZADD', KEYS[3], 'NX', 0, userId .. '|' .. instance .. '|' .. ARGV[3]) == 1 then
  redis.call('HINCRBY', KEYS[4], userId, 1)
  redis.call('HINCRBY', KEYS[8], instance, 1)
end
redis.call('ZADD', KEYS[7], 'GT', ARGV[5], instance)
return {outcome, redis.call('SCARD', KEYS[2])}
