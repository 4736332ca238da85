import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '@llms/errors';
import { RawResponse } from '../../common/http/envelope.interceptor';
import { Public } from '../../common/auth';

/** Where the AsyncAPI document lives, relative to the project root. */
export const ASYNCAPI_FILE = join('docs', 'asyncapi.yaml');

/** The project root holding docs/asyncapi.yaml: the nearest ancestor of `from` that has it. */
export function findAsyncApiFile(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ASYNCAPI_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The AsyncAPI document of the Socket.IO channel (docs/asyncapi.yaml), served as is next to
 * Swagger UI so /docs can link it. Read once, on the first request.
 */
@ApiTags('docs')
@Public()
@Controller('docs')
export class DocsController {
  private readonly logger = new Logger(DocsController.name);
  private asyncApi: string | null = null;

  @Get('asyncapi.yaml')
  @RawResponse()
  @Header('Content-Type', 'text/yaml; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'AsyncAPI 3.0 document of the real-time channel (Socket.IO on /ws)' })
  @ApiProduces('text/yaml')
  @ApiOkResponse({ description: 'The YAML document', schema: { type: 'string' } })
  asyncApiDocument(): string {
    if (this.asyncApi === null) {
      const file = findAsyncApiFile();
      if (!file) {
        this.logger.warn(
          `${ASYNCAPI_FILE} was not found above ${__dirname}; ship docs/ with the build`,
        );
        throw new AppError('NOT_FOUND', 'The AsyncAPI document is not available on this server');
      }
      this.asyncApi = readFileSync(file, 'utf8');
    }
    return this.asyncApi;
  }
}
