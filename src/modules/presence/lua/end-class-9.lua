--[[ Ends a live class: closes every open stay (one attendance record each) and marks it ENDED.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] now (ms)  ARGV[2] classId  ARGV[3] how long to keep the ended meta readable (ms)
  Output: {'ENDED', teacherId, endedAt, userId...} (the users whose claims to release), or
  {'NOT_LIVE'} when the class was not live (already ended by someone else: idempotent).
]]
-- @include end-stay
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherId', 'title')
if meta[1] ~= 'LIVE' then return {'NOT_LIVE'} end
local released = {'ENDED', meta[2], ARGV[1]}
-- Every stay is queued here; the per-user state goes with the DEL below, not user by user.
for _, userId in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local joinedAt = redis.call('HGET', KEYS[5], userId)
  if joinedAt then
    queue_stay(userId, joinedAt, redis.call('HGET', KEYS[6], userId), ARGV[1], ARGV[2], meta[3])
  end
  table.insert(released, userId)
end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8])
redis.call('HSET', KEYS[1], 'status', 'ENDED', 'endedAt', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return released
