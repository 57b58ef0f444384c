// /api/invoices: a parent's invoices, and one invoice (JSON or PDF) for its customer, its partner or an admin.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams, Page } from '../../shared/schemas.js'
import { InvoicePdfResponse, InvoiceResponse, MyInvoicesQuery } from './invoices.schemas.js'
import type { InvoicesService } from './invoices.service.js'

const security = [{ bearer: [] }]
const tags = ['invoices']
const access = 'Its customer, the partner who issued it, or an admin; anyone else gets 404.'

export const invoiceRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; invoices: InvoicesService }> = async (app, { guard, invoices }) => {
  app.get(
    '/invoices/my',
    {
      onRequest: guard.requireRole('customer'),
      schema: {
        tags,
        summary: 'My invoices',
        description: 'One GST invoice per paid booking, newest first.',
        security,
        querystring: MyInvoicesQuery,
        response: { 200: Page(InvoiceResponse), ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => invoices.listMyInvoices(actorOf(request).id, request.query),
  )

  app.get(
    '/invoices/:id',
    {
      onRequest: guard.signedIn,
      schema: { tags, summary: 'One invoice', description: access, security, params: IdParams, response: { 200: InvoiceResponse, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => invoices.getInvoice(actorOf(request), request.params.id),
  )

  app.get(
    '/invoices/:id/pdf',
    {
      onRequest: guard.signedIn,
      schema: {
        tags,
        summary: 'One invoice as a PDF',
        description: `A tax invoice (or a bill of supply when no GST applies). ${access}`,
        security,
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: InvoicePdfResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { invoice_number, pdf } = await invoices.renderInvoice(actorOf(request), request.params.id)
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="invoice-${invoice_number.replace(/\//g, '-')}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )
}
