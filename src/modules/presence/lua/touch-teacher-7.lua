--[[ Heartbeat of the teacher of a live class: pushes the teacher's deadline forward.
  KEYS: the seven class keys (lua/includes/class-keys.lua)
  ARGV[1] teacherId  ARGV[2] new teacher deadline (ms)
  Output: 1 when the class is live and taught by ARGV[1], else 0.
]]
local meta = redis.call('HMGET', KEYS[1], 'status', 'teacherId')
if meta[1] ~= 'LIVE' or meta[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'teacherDeadline', ARGV[2])
return 1
