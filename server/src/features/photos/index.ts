/**
 * Photos: a person's profile pictures, and the public media path that serves them.
 */
export { PhotosService } from './photos.service.js';
export type { PhotosServiceDeps, PhotoUpload } from './photos.service.js';
export { PhotosStore } from './photos.store.js';
export { ImagePipeline, defaultImagePipelineLimits, sniffImageType } from './photos.pipeline.js';
export type { ImagePipelineLimits, ProcessedImage } from './photos.pipeline.js';
export { registerPhotoRoutes } from './photos.routes.js';
export { mediaUrl, presentPhoto } from './photos.presenter.js';
export { registerPhotosPrivacy } from './photos.privacy.js';
