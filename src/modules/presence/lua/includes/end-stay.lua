-- Closes userId's open stay: removes them from the class and queues exactly one attendance
-- record in the outbox (in the same atomic script as the removal, so it is never lost or doubled).
local function end_stay(userId, now, classId)
  redis.call('SREM', KEYS[2], userId)
  redis.call('HDEL', KEYS[4], userId)
  local joinedAt = redis.call('HGET', KEYS[5], userId)
  if joinedAt then
    redis.call('HDEL', KEYS[5], userId)
    redis.call('RPUSH', KEYS[9], cjson.encode({
      type = 'stay',
      classId = classId,
      classTitle = redis.call('HGET', KEYS[1], 'title') or '',
      userId = userId,
      userName = redis.call('HGET', KEYS[6], userId) or '',
      joinedAt = tonumber(joinedAt),
      leftAt = tonumber(now),
    }))
  end
  redis.call('HDEL', KEYS[6], userId)
end
