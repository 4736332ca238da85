--[[ Heartbeat of a participant's socket: pushes its presence deadline forward.
  KEYS: the seven class keys (lua/includes/class-keys.lua)
  ARGV[1] "<userId>|<socketId>"  ARGV[2] new deadline (ms)
  Output: 1 when the socket is still in the class, 0 when it was swept or the class ended.
]]
if redis.call('ZSCORE', KEYS[3], ARGV[1]) == false then return 0 end
redis.call('ZADD', KEYS[3], 'XX', 'GT', ARGV[2], ARGV[1])
return 1
