// Public face of the wishlist module: app.ts wires the service and routes from here.
export { createWishlistService, type WishlistService } from './wishlist.service.js'
export { wishlistModule } from './wishlist.module.js'
