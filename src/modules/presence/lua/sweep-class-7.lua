--[[ Removes the sockets whose presence deadline passed; ends the stays left without sockets.
  Any instance may run it at any time: each expired socket is removed exactly once.
  KEYS: the seven class keys (lua/includes/class-keys.lua)
  ARGV[1] now (ms)  ARGV[2] classId
  Output: {status, nextDeadline, outboxLength, teacherExpired (0/1), participantCount, userId...}
  where userId... are the users whose stays ended now. status is LIVE, ENDED or GONE.
]]
-- @include end-stay
local now = tonumber(ARGV[1])
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherDeadline')
local status = meta[1] or 'GONE'
if status ~= 'LIVE' then
  return {status, -1, redis.call('LLEN', KEYS[7]), 0, 0}
end
local result = {'LIVE', 0, 0, 0, 0}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  redis.call('ZREM', KEYS[3], member)
  local userId = string.match(member, '^(.*)|')
  if redis.call('HINCRBY', KEYS[4], userId, -1) <= 0 then
    end_stay(userId, now, ARGV[2])
    table.insert(result, userId)
  end
end
local teacherDeadline = tonumber(meta[2])
local nextDeadline = teacherDeadline
local earliest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
if earliest[2] and tonumber(earliest[2]) < nextDeadline then nextDeadline = tonumber(earliest[2]) end
result[2] = nextDeadline
result[3] = redis.call('LLEN', KEYS[7])
result[4] = teacherDeadline <= now and 1 or 0
result[5] = redis.call('SCARD', KEYS[2])
return result
