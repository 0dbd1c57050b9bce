import { authPaths } from './auth/auth.openapi';
import { documentsPaths, documentsSchemas } from './documents/documents.openapi';
import { pagesPaths } from './documents/page-images.openapi';
import { citationsPaths } from './http/openapi.citations';
import { storyPaths } from './http/openapi.story';
import { assembleOpenApi, openApiPaths } from './http/openapi';
import { requestsPaths } from './requests/requests.openapi';
import { searchPaths } from './search-pages/search.openapi';

/**
 * The OpenAPI document of every JSON route, assembled from each area's fragment (served at
 * /api/openapi.json by server/app.ts). The order of the fragments is the order of the paths.
 */
export const openApiDocument = assembleOpenApi({
  paths: [documentsPaths, openApiPaths, authPaths, searchPaths, storyPaths, requestsPaths, pagesPaths, citationsPaths],
  schemas: documentsSchemas,
});
