import { createApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
const app = await createApp(parseConfig({ ...process.env, LOG_LEVEL: 'silent' }), silentLogger());
const hits = app.base.search.search('военный трибунал', { limit: 10, lang: 'en' }).hits;
for (const h of hits) console.log(h.score.toFixed(2), h.block.id, h.block.lang, h.block.plain.slice(0, 100));
