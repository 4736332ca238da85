--[[ Opens the live state of a class that was just started.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] capacity  ARGV[2] teacherId  ARGV[3] teacher deadline (ms)  ARGV[4] title
  ARGV[5] startedAt (ms)  ARGV[6] joinCode  ARGV[7] createdAt (ms)  (a snapshot, so a class can
  be ended and shown while MongoDB is unreachable)
  Output: 1 when opened, 0 when live state already exists (a concurrent or repeated start).
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'status', 'LIVE', 'capacity', ARGV[1], 'teacherId', ARGV[2],
  'teacherDeadline', ARGV[3], 'title', ARGV[4], 'startedAt', ARGV[5], 'joinCode', ARGV[6],
  'createdAt', ARGV[7])
return 1
