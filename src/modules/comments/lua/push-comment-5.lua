--[[ Keeps a comment of a live class, only from someone in it (a participant or its teacher):
  stamps the author's role, gives it the class's next sequence number, keeps it among the most
  recent ones (newest first) and appends it to the transcript outbox, all in one atomic step.
  KEYS[1] presence meta of the class (HASH: status, teacherId)
  KEYS[2] presence participants of the class (SET of userIds)
  KEYS[3] the class's recent comments (LIST, newest first)
  KEYS[4] the class's comment sequence (STRING counter)
  KEYS[5] the class's transcript outbox (LIST of {"seq":n,"comment":{...}}, oldest first)
  ARGV[1] comment JSON (author.role is set here)  ARGV[2] how many to keep  ARGV[3] author's userId
  Output: {stored comment JSON, transcript outbox length}, or false when the class is not live
  or the author is not in it.
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
local seq = redis.call('INCR', KEYS[4])
local queued = redis.call('RPUSH', KEYS[5], '{"seq":' .. seq .. ',"comment":' .. stored .. '}')
return {stored, queued}
