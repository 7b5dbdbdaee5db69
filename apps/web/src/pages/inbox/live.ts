import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useOptionalUser } from '../../lib/session.ts';
import { inboxKeys } from './api.ts';

type LiveObject = 'round' | 'project' | 'dataset';

/**
 * Opens the server's event stream (`/api/live`) while mounted. Events say only that something
 * changed; `onEvent` refetches through the ordinary API. Whenever the stream (re)opens, events may
 * have been missed since the page last read (before the first connection, or while it was down), so
 * `onEvent` runs then too.
 */
function useEventStream(url: string | null, eventName: 'user' | 'object', onEvent: () => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    const fire = () => handler.current();
    source.addEventListener(eventName, fire);
    source.addEventListener('open', fire);
    return () => source.close();
  }, [url, eventName]);
}

/** The signed-in user's own notices: keeps the bell, the inbox and "my tasks" current. */
export function useLiveInbox(): void {
  const user = useOptionalUser();
  const queryClient = useQueryClient();
  useEventStream(user ? '/api/live' : null, 'user', () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }));
}

/**
 * A page that two sides edit at once refetches when its object changes elsewhere (another browser,
 * another app node): `useLiveObject('round', roundId, reload)`.
 */
export function useLiveObject(type: LiveObject, id: string | undefined, onChange: () => void): void {
  const user = useOptionalUser();
  useEventStream(user && id ? `/api/live?objects=${type}:${encodeURIComponent(id)}` : null, 'object', onChange);
}
