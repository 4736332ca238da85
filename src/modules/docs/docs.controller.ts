import { createReadStream } from 'node:fs';
import { Controller, Get, Header, Inject, Logger, Param, StreamableFile } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AppError } from '@llms/errors';
import { RawResponse } from '../../common/http/envelope.interceptor';
import { appConfig, type AppConfig } from '../../config/app.config';
import { ASYNCAPI_FILE, loadAsyncApiDocument } from './asyncapi-document';
import {
  ASYNCAPI_UI_ASSETS,
  findAsyncApiUiAsset,
  PAGE_CSP,
  PAGE_HTML,
  PAGE_SCRIPT,
  type AsyncApiUiAsset,
} from './asyncapi-page';
import { Public } from '../../common/auth';

/**
 * The real-time channel's documentation beside Swagger UI: the AsyncAPI document
 * (docs/asyncapi.yaml, its server host set from PUBLIC_URL) and a page that renders it
 * (/docs/asyncapi) from locally served files.
 */
@ApiTags('docs')
@Public()
@Controller('docs')
export class DocsController {
  private readonly logger = new Logger(DocsController.name);
  private asyncApi: string | null = null;

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  @Get('asyncapi.yaml')
  @RawResponse()
  @Header('Content-Type', 'text/yaml; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'AsyncAPI 3.0 document of the real-time channel (Socket.IO on /ws)' })
  @ApiProduces('text/yaml')
  @ApiOkResponse({ description: 'The YAML document', schema: { type: 'string' } })
  asyncApiDocument(): string {
    this.asyncApi ??= loadAsyncApiDocument(this.config.publicUrl);
    if (this.asyncApi === null) {
      this.logger.warn(
        `${ASYNCAPI_FILE} was not found above ${__dirname}; ship docs/ with the build`,
      );
      throw new AppError('NOT_FOUND', 'The AsyncAPI document is not available on this server');
    }
    return this.asyncApi;
  }

  @Get('asyncapi')
  @RawResponse()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', PAGE_CSP)
  @ApiOperation({ summary: 'The AsyncAPI document as a page (rendered in the browser)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page', schema: { type: 'string' } })
  asyncApiPage(): string {
    return PAGE_HTML;
  }

  @Get('asyncapi/page.js')
  @RawResponse()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiExcludeEndpoint()
  asyncApiPageScript(): string {
    return PAGE_SCRIPT;
  }

  @Get('asyncapi/:asset')
  @RawResponse()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiExcludeEndpoint()
  asyncApiUiAsset(@Param('asset') asset: string): StreamableFile {
    const known = Object.hasOwn(ASYNCAPI_UI_ASSETS, asset) ? (asset as AsyncApiUiAsset) : null;
    const file = known && findAsyncApiUiAsset(known);
    if (!known || !file) {
      if (known) this.logger.warn(`${asset} is missing: run \`npm run build\``);
      throw new AppError('NOT_FOUND', 'No such file');
    }
    return new StreamableFile(createReadStream(file), {
      type: `${ASYNCAPI_UI_ASSETS[known].type}; charset=utf-8`,
    });
  }
}
