import { describe, expect, it } from 'vitest';
import { MemoryConversationStore, type ConversationState } from '../../../src/core/bot/conversation.js';

const state = (q: string): ConversationState => ({ lastTerms: [], lastQuestion: q, ranked: [1], shown: [] });

describe('the in-memory conversation store', () => {
  it('keeps at most `max` conversations, dropping the least recently used', async () => {
    const store = new MemoryConversationStore({ max: 2 });
    await store.set('a', state('a'));
    await store.set('b', state('b'));
    await store.get('a');
    await store.set('c', state('c'));
    expect(store.size).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('a'))?.lastQuestion).toBe('a');
  });

  it('forgets a conversation after its time to live', async () => {
    let now = 0;
    const store = new MemoryConversationStore({ ttlMs: 1000, now: () => now });
    await store.set('a', state('a'));
    now += 500;
    expect(await store.get('a')).toBeDefined();
    now += 1500;
    expect(await store.get('a')).toBeUndefined();
  });
});
