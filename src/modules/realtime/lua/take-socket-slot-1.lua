--[[ Takes one of a user's socket slots (MAX_SOCKETS_PER_USER open sockets across all instances).
  Each slot expires unless its instance renews it, so the slots of a dead instance free up.
  KEYS[1] user:{u:<userId>}:sockets  (ZSET "<instance>|<socketId>" -> slot expiry, ms)
  ARGV[1] "<instance>|<socketId>"  ARGV[2] now (ms)  ARGV[3] slot expiry (ms)  ARGV[4] max slots
  Output: 1 when the slot is taken, 0 when the user already holds the maximum.
]]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3], 'GT')
return 1
