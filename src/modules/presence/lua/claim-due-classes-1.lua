-- Takes up to ARGV[3] classes whose next check is due from one sweep bucket, leasing each for
-- ARGV[2] ms (their score moves to now + lease) so concurrent sweepers rarely do the same work.
-- KEYS[1] presence:sweep:{b<n>}
-- ARGV[1] now (ms)  ARGV[2] lease (ms)  ARGV[3] limit
-- Returns the classIds.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local leaseUntil = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, classId in ipairs(due) do
  redis.call('ZADD', KEYS[1], 'XX', leaseUntil, classId)
end
return due
