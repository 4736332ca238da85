-- Queues exactly one attendance record for a stay that ends now (in the same atomic script as
-- its removal, so it is never lost or doubled).
local function queue_stay(userId, joinedAt, name, now, classId, title)
  redis.call('RPUSH', KEYS[9], cjson.encode({
    type = 'stay',
    classId = classId,
    classTitle = title or '',
    userId = userId,
    userName = name or '',
    joinedAt = tonumber(joinedAt),
    leftAt = tonumber(now),
  }))
end

-- Closes userId's open stay: removes them from the class and queues its attendance record.
local function end_stay(userId, now, classId)
  redis.call('SREM', KEYS[2], userId)
  redis.call('HDEL', KEYS[4], userId)
  local joinedAt = redis.call('HGET', KEYS[5], userId)
  if joinedAt then
    redis.call('HDEL', KEYS[5], userId)
    local name = redis.call('HGET', KEYS[6], userId)
    queue_stay(userId, joinedAt, name, now, classId, redis.call('HGET', KEYS[1], 'title'))
  end
  redis.call('HDEL', KEYS[6], userId)
end
