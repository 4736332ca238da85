--[[ An app instance renews its lease on a live class: the sockets it holds there stay present
  until the new deadline (the instance renews well before it; the sweeper removes the sockets of
  an instance that stopped renewing). With a teacherId, the teacher's grace moves forward too.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] instance  ARGV[2] lease deadline (ms)  ARGV[3] teacherId or ''  ARGV[4] teacher
  deadline (ms, with a teacherId)
  Output: {status, sockets, teacher}: status LIVE, ENDED or GONE; sockets is how many sockets
  of this instance the class holds (the instance compares it with its own count, to catch a
  removal whose message it missed); teacher is 1 when ARGV[3] is the class's teacher (whose
  claim the instance then extends), else 0.
]]
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherId', 'teacherDeadline')
local status = meta[1] or 'GONE'
if status ~= 'LIVE' then return {status, 0, 0} end
local sockets = tonumber(redis.call('HGET', KEYS[8], ARGV[1]) or '0')
if sockets > 0 then
  redis.call('ZADD', KEYS[7], 'GT', ARGV[2], ARGV[1])
else
  redis.call('ZREM', KEYS[7], ARGV[1])
end
local teacher = 0
if ARGV[3] ~= '' and ARGV[3] == meta[2] then
  teacher = 1
  if tonumber(ARGV[4]) > tonumber(meta[3]) then redis.call('HSET', KEYS[1], 'teacherDeadline', ARGV[4]) end
end
return {'LIVE', sockets, teacher}
