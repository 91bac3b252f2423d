export {
  DEFAULT_TURN_TTL_SECONDS,
  MediaPlaneError,
  iceServersFor,
  type IceConfig,
  type IceServerView,
  type LostParticipant,
  type MediaPlane,
  type MediaPlaneErrorCode,
  type MediaPlaneStats,
  type SpeakingLevel,
} from './media-plane.js';
export { ChildProcessMediaPlane, type ChildProcessMediaPlaneOptions } from './child-process-media-plane.js';
export { InProcessMediaPlane } from './in-process-media-plane.js';
export { SLOTS_PER_LISTENER, type SfuOptions, type SfuStats } from './sfu.js';
