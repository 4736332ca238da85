-- Removes one socket member ("<userId>|<instance>|<socketId>") that is known to be in the class,
-- and ends the user's stay when it was their last socket. Returns the userId when the stay ended.
-- @include end-stay
local function remove_socket(member, now, classId)
  redis.call('ZREM', KEYS[3], member)
  local userId, instance = string.match(member, '^([^|]*)|([^|]*)|')
  if redis.call('HINCRBY', KEYS[8], instance, -1) <= 0 then redis.call('HDEL', KEYS[8], instance) end
  if redis.call('HINCRBY', KEYS[4], userId, -1) <= 0 then
    end_stay(userId, now, classId)
    return userId
  end
  return nil
end
