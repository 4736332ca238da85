import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';

/** Documents served beside Swagger UI (the AsyncAPI description of the Socket.IO channel). */
@Module({ controllers: [DocsController] })
export class DocsModule {}
