--[[ Releases a user's active-class claim only if it is still for this class
  (compare-and-delete), so a late release never frees a claim the user has since taken elsewhere.
  KEYS[1] user:{u:<userId>}:activeClass
  ARGV[1] classId
  Output: 1 when released, 0 otherwise.
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
