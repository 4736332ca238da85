-- Keeps a comment among the class's most recent ones (newest first), only while it is live.
-- @include class-keys
-- ARGV[1] comment JSON  ARGV[2] how many to keep
-- Returns 1 when stored, 0 when the class is not live.
if redis.call('HGET', KEYS[1], 'status') ~= 'LIVE' then return 0 end
redis.call('LPUSH', KEYS[7], ARGV[1])
redis.call('LTRIM', KEYS[7], 0, tonumber(ARGV[2]) - 1)
return 1
