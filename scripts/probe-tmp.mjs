import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const p = await b.newPage();
const t0 = Date.now();
p.on('request', r => console.log(Date.now()-t0, 'req', r.url()));
p.on('requestfinished', r => console.log(Date.now()-t0, 'done', r.url()));
p.on('requestfailed', r => console.log(Date.now()-t0, 'failed', r.url(), r.failure()?.errorText));
try { await p.goto('http://127.0.0.1:8080/', { timeout: 60000 }); console.log(Date.now()-t0, 'loaded'); } catch (e) { console.log('goto', e.message.split('\n')[0]); }
await b.close();
