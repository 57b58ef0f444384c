// Public face of the Cloudinary integration: its signed Upload API client and the signature scheme.
export { createCloudinaryStorage, type CloudinaryOptions } from './cloudinary-storage.js'
export { isValidCloudinarySignature, signCloudinaryParams, stringToSign, type SignableParams } from './cloudinary-signature.js'
