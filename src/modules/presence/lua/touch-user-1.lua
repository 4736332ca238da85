--[[ Extends a user's active-class claim if it is still for this class (compare-and-expire).
  KEYS[1] user:{u:<userId>}:activeClass
  ARGV[1] classId  ARGV[2] TTL (ms)
  Output: 1 when extended (or already longer), 0 when the claim is gone or for another class.
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2], 'GT')
return 1
