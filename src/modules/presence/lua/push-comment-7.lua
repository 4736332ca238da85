-- Keeps a comment among the class's most recent ones (newest first), only from someone in the
-- live class: a participant or its teacher.
-- @include class-keys
-- ARGV[1] comment JSON  ARGV[2] how many to keep  ARGV[3] author's userId
-- Returns 1 when stored, 0 when the class is not live or the author is not in it.
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherId')
if meta[1] ~= 'LIVE' then return 0 end
if meta[2] ~= ARGV[3] and redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 0 then return 0 end
redis.call('LPUSH', KEYS[7], ARGV[1])
redis.call('LTRIM', KEYS[7], 0, tonumber(ARGV[2]) - 1)
return 1
