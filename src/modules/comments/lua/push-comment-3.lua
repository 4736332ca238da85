--[[ Keeps a comment among the class's most recent ones (newest first), only from someone in the
  live class (a participant or its teacher), and stamps the author's role into it.
  KEYS[1] presence meta of the class (HASH: status, teacherId)
  KEYS[2] presence participants of the class (SET of userIds)
  KEYS[3] the class's recent comments (LIST, newest first)
  ARGV[1] comment JSON (author.role is set here)  ARGV[2] how many to keep  ARGV[3] author's userId
  Output: the stored comment JSON, or false when the class is not live or the author is not in it.
]]
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherId')
if meta[1] ~= 'LIVE' then return false end
local role = 'TEACHER'
if meta[2] ~= ARGV[3] then
  if redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 0 then return false end
  role = 'STUDENT'
end
local comment = cjson.decode(ARGV[1])
comment.author.role = role
local stored = cjson.encode(comment)
redis.call('LPUSH', KEYS[3], stored)
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[2]) - 1)
return stored
