--[[ Takes up to ARGV[3] classes whose next check is due from one sweep bucket and leases them
  until ARGV[2] (their score moves there), so concurrent sweepers rarely do the same work.
  KEYS[1] presence:sweep:{b<n>}
  ARGV[1] now (ms)  ARGV[2] lease end (ms)  ARGV[3] limit
  Output: the classIds.
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, classId in ipairs(due) do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], classId)
end
return due
