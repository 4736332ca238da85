--[[ Removes the sockets held by app instances whose lease passed (dead or cut off instances),
  ending the stays left without sockets. Any instance may run it at any time: each expired
  socket is removed exactly once.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] now (ms)  ARGV[2] classId
  Output: {status, nextDeadline, outboxLength, teacherExpired (0/1), participantCount, userId...}
  where userId... are the users whose stays ended now. status is LIVE, ENDED or GONE.
]]
-- @include remove-socket
local now = tonumber(ARGV[1])
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherDeadline')
local status = meta[1] or 'GONE'
if status ~= 'LIVE' then
  return {status, -1, redis.call('LLEN', KEYS[9]), 0, 0}
end
local result = {'LIVE', 0, 0, 0, 0}
local expired = {}
local any = false
for _, instance in ipairs(redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', now)) do
  expired[instance] = true
  any = true
  redis.call('ZREM', KEYS[7], instance)
end
if any then
  for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
    if expired[string.match(member, '^[^|]*|([^|]*)|')] then
      local ended = remove_socket(member, now, ARGV[2])
      if ended then table.insert(result, ended) end
    end
  end
end
local teacherDeadline = tonumber(meta[2])
local nextDeadline = teacherDeadline
local earliest = redis.call('ZRANGE', KEYS[7], 0, 0, 'WITHSCORES')
if earliest[2] and tonumber(earliest[2]) < nextDeadline then nextDeadline = tonumber(earliest[2]) end
result[2] = nextDeadline
result[3] = redis.call('LLEN', KEYS[9])
result[4] = teacherDeadline <= now and 1 or 0
result[5] = redis.call('SCARD', KEYS[2])
return result
