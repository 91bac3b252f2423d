/**
 * The shared contract between the Airtalk server and web app. No Node or DOM APIs here.
 */
export * from './errors.js';
export * from './dates.js';
export * from './messages.js';
export * from './auth.js';
export * from './consents.js';
export * from './policy.js';
export * from './contact-info/index.js';
export * from './safety.js';
export * from './profiles.js';
export * from './photos.js';
export * from './nearby.js';
export * from './chat.js';
export * from './rooms.js';
export * from './protocol.js';
export * from './chat-sequencer.js';
