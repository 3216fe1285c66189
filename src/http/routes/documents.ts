import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { readUploadedNote, receiveDocument } from '../../../graph/index.js';
import {
  AppError,
  type Clock,
  type ConsultNoteReader,
  type Store,
  type StoredDocument,
} from '../../domain/index.js';
import { type AuthEnv, requireRole } from '../auth.js';
import { isXmlContentType } from '../media-type.js';
import {
  ConsultDocument,
  DocumentParams,
  DocumentUploadResult,
  ErrorResponse,
  IdParam,
} from '../schemas.js';
import { validationHook } from '../validation.js';

/** The most an uploaded document may hold: what the EHR takes for a filed document. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

const UPLOAD_PATH = /^\/api\/referrals\/[^/]+\/documents\/?$/;

/** True for a document upload: its body limit is the document's, not the API's. */
export const isDocumentUpload = (method: string, path: string) =>
  method === 'POST' && UPLOAD_PATH.test(path);

export interface DocumentRoutesDeps {
  store: Store;
  clock: Clock;
  ccda: ConsultNoteReader;
  /** Wakes the inbox worker: the upload's loop event is applied off the request path. */
  onAccepted: () => void;
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const security = [{ bearer: [] }];

const hrefOf = (referralId: string, documentId: string) =>
  `/api/referrals/${encodeURIComponent(referralId)}/documents/${encodeURIComponent(documentId)}`;

/** 415 unless the body is declared as XML (`application/xml` or `text/xml`, UTF-8). */
const requireXmlBody = createMiddleware(async (c, next) => {
  if (!isXmlContentType(c.req.header('content-type'))) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'The request body must be application/xml or text/xml',
    );
  }
  await next();
});

function viewOf(doc: StoredDocument) {
  return {
    documentId: doc.id,
    referralId: doc.referralId,
    source: doc.source,
    format: doc.format,
    contentType: doc.format === 'ccda' ? ('application/xml' as const) : ('text/plain' as const),
    title: doc.title,
    summary: doc.summary,
    authorNpi: doc.authorNpi,
    encounterDate: doc.encounterDate,
    receivedAt: doc.receivedAt,
    content: doc.content,
  };
}

/** Consult notes: a coordinator's upload of a C-CDA, and any stored document of a referral. */
export function documentRoutes(deps: DocumentRoutesDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  const find = async (practiceId: string, id: string) => {
    const record = await deps.store.referrals.getReferral(practiceId, id);
    if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
    return record;
  };

  app.on('POST', '/referrals/:id/documents', requireXmlBody);
  app.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/documents',
      summary: 'Upload a C-CDA consult note: stored, summarized, filed in the EHR; closes the loop',
      security,
      request: {
        params: IdParam,
        headers: z.object({
          'idempotency-key': z.string().min(1).max(255).openapi({
            description: 'Unique per upload; a retry with the same key gets the first answer',
          }),
        }),
        body: {
          content: {
            'application/xml': { schema: z.string() },
            'text/xml': { schema: z.string() },
          },
          required: true,
        },
      },
      responses: {
        202: {
          ...json(
            DocumentUploadResult,
            'Stored; the EHR filing and the loop closing follow (watch GET /api/referrals/{id})',
          ),
          headers: { location: { schema: { type: 'string' }, description: 'The document' } },
        },
        400: json(ErrorResponse, 'No Idempotency-Key'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
        403: json(ErrorResponse, 'Viewer tokens cannot upload'),
        404: json(ErrorResponse, 'No such referral in your practice'),
        409: json(ErrorResponse, 'Not sent to a specialist yet, or its loop is no longer open'),
        413: json(ErrorResponse, 'Over 2 MiB'),
        415: json(ErrorResponse, 'Not application/xml or text/xml'),
        422: json(
          ErrorResponse,
          'DOCUMENT_UNREADABLE: not a readable C-CDA (the issue code names why); IDEMPOTENCY_MISMATCH: the key was used with another body or referral',
        ),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const xml = await c.req.text();
      const document = readUploadedNote(xml, deps.ccda);
      requireRole(principal, 'coordinator');
      await find(principal.practiceId, id);
      const { answer } = await receiveDocument(
        {
          practiceId: principal.practiceId,
          referralId: id,
          key: c.req.valid('header')['idempotency-key'],
          xml,
          document,
          actor: `coordinator:${principal.name}`,
        },
        deps,
      );
      deps.onAccepted();
      const href = hrefOf(answer.referralId, answer.documentId);
      return c.json({ ...answer, href }, 202, { location: href });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/documents/{documentId}',
      summary: 'One consult document of a referral (an upload or from HL7 v2), with its content',
      security,
      request: { params: DocumentParams },
      responses: {
        200: json(ConsultDocument, 'The document'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
        404: json(ErrorResponse, 'No such referral in your practice, or no such document of it'),
      },
    }),
    async (c) => {
      const { practiceId } = c.get('principal');
      const { id, documentId } = c.req.valid('param');
      await find(practiceId, id);
      const doc = await deps.store.documents.get(practiceId, documentId);
      if (!doc || doc.referralId !== id) throw new AppError('NOT_FOUND', 'Document not found');
      return c.json(viewOf(doc), 200);
    },
  );

  return app;
}
