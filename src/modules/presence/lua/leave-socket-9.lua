--[[ Removes one socket of a user from a class; the stay ends when it was the user's last socket.
  KEYS: the nine class keys (lua/includes/class-keys.lua)
  ARGV[1] "<userId>|<instance>|<socketId>"  ARGV[2] now (ms)  ARGV[3] classId
  Output: {outcome, participantCount}; outcome is LEFT (stay ended), STILL_IN (other sockets
  remain) or NOT_IN (this socket was not in the class, e.g. already swept).
]]
-- @include remove-socket
if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
  return {'NOT_IN', redis.call('SCARD', KEYS[2])}
end
local ended = remove_socket(ARGV[1], ARGV[2], ARGV[3])
return {ended and 'LEFT' or 'STILL_IN', redis.call('SCARD', KEYS[2])}
