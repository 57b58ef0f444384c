// Public catalog routes: categories, listings, search and the home feeds. No sign-in needed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import {
  AgeParams, HomeFeedQuery, HomeFeedResponse, ListCategoriesResponse, ListingDetailResponse, ListListingSessionsQuery,
  ListListingSessionsResponse, SearchListingsQuery, SearchListingsResponse, StartingSoonResponse,
} from './catalog.schemas.js'
import type { CatalogService } from './catalog.service.js'

export interface CatalogRoutesOptions {
  catalog: CatalogService
}

const SEARCH_DESCRIPTION =
  'Approved listings of active partners. `q` tolerates typos (trigram word similarity); `city` matches its aliases; ' +
  '`lat`+`lng`+`radius_km` go together and add `distance_km`; `date_from`/`date_to` keep listings with a scheduled session ' +
  'on those days in the venue’s timezone. The order is total (id breaks ties), so pages never overlap.'

export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRoutesOptions> = async (app, { catalog }) => {
  app.get(
    '/categories',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Active categories with their number of public listings',
        response: { 200: ListCategoriesResponse },
      },
    },
    async () => catalog.listCategories(),
  )

  app.get(
    '/search',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search listings',
        description: SEARCH_DESCRIPTION,
        querystring: SearchListingsQuery,
        response: { 200: SearchListingsResponse, ...errorResponses(422) },
      },
    },
    async (request) => catalog.searchListings(request.query),
  )

  app.get(
    '/listings',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List public listings (same filters as search)',
        description: SEARCH_DESCRIPTION,
        querystring: SearchListingsQuery,
        response: { 200: SearchListingsResponse, ...errorResponses(422) },
      },
    },
    async (request) => catalog.searchListings(request.query),
  )

  app.get(
    '/listings/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A listing with its partner, venue, plan options and next sessions',
        params: IdParams,
        response: { 200: ListingDetailResponse, ...errorResponses(404, 422) },
      },
    },
    async (request) => catalog.getListingDetail(request.params.id),
  )

  app.get(
    '/listings/:id/sessions',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Upcoming scheduled sessions of a listing, with seats left',
        params: IdParams,
        querystring: ListListingSessionsQuery,
        response: { 200: ListListingSessionsResponse, ...errorResponses(404, 422) },
      },
    },
    async (request) => catalog.listListingSessions(request.params.id, request.query),
  )

  app.get(
    '/home/trending',
    {
      schema: {
        tags: ['home'],
        summary: 'Most booked listings of the last 30 days (then best rated, newest)',
        querystring: HomeFeedQuery,
        response: { 200: HomeFeedResponse, ...errorResponses(422) },
      },
    },
    async (request) => ({ items: await catalog.listTrending(request.query) }),
  )

  app.get(
    '/home/trials',
    {
      schema: {
        tags: ['home'],
        summary: 'Listings offering a trial, best rated first',
        querystring: HomeFeedQuery,
        response: { 200: HomeFeedResponse, ...errorResponses(422) },
      },
    },
    async (request) => ({ items: await catalog.listTrials(request.query) }),
  )

  app.get(
    '/home/for-age/:age',
    {
      schema: {
        tags: ['home'],
        summary: 'Listings suitable for a child of this age (0-18), best rated first',
        params: AgeParams,
        querystring: HomeFeedQuery,
        response: { 200: HomeFeedResponse, ...errorResponses(422) },
      },
    },
    async (request) => ({ items: await catalog.listForAge(request.params.age, request.query) }),
  )

  app.get(
    '/home/starting-soon',
    {
      schema: {
        tags: ['home'],
        summary: 'Sessions with seats left in the next 72 hours, soonest first (one row per session)',
        querystring: HomeFeedQuery,
        response: { 200: StartingSoonResponse, ...errorResponses(422) },
      },
    },
    async (request) => ({ items: await catalog.listStartingSoon(request.query) }),
  )

  app.get(
    '/home/weekend-camps',
    {
      schema: {
        tags: ['home'],
        summary: 'Camps with a session this coming weekend, best rated first',
        description:
          'The weekend is Saturday and Sunday in the listing’s timezone. From Monday to Friday that is the coming weekend; ' +
          'on Saturday or Sunday it is the weekend under way (sessions that have not started yet).',
        querystring: HomeFeedQuery,
        response: { 200: HomeFeedResponse, ...errorResponses(422) },
      },
    },
    async (request) => ({ items: await catalog.listWeekendCamps(request.query) }),
  )
}
