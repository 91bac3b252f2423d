/** Blocking: block and unblock someone, and the list of people I blocked. */
import { BlockListViewSchema, type BlockView } from '@airtalk/contracts';
import { requestJson, requestVoid } from '../../lib';

export async function listBlocks(signal?: AbortSignal): Promise<BlockView[]> {
  const { blocks } = await requestJson('/api/v1/me/blocks', BlockListViewSchema, signal ? { signal } : {});
  return blocks;
}

export function blockUser(userId: string): Promise<void> {
  return requestVoid(`/api/v1/blocks/${encodeURIComponent(userId)}`, { method: 'POST' });
}

export function unblockUser(userId: string): Promise<void> {
  return requestVoid(`/api/v1/blocks/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}
