--[[ Claims the single active class of a user (set-if-absent with a TTL).
  KEYS[1] user:{u:<userId>}:activeClass
  ARGV[1] classId  ARGV[2] TTL (ms)
  Output: {'CLAIMED', classId} (new claim), {'SAME', classId} (already active in this class; the
  TTL is extended, never shortened) or {'OTHER', otherClassId}.
]]
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return {'CLAIMED', ARGV[1]}
end
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2], 'GT')
  return {'SAME', current}
end
return {'OTHER', current}
