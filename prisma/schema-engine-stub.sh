#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here.
# `prisma generate/validate/format` only check that this path exists. Migrations run
# on the WASM schema engine instead: `npm run db:migrate`.
echo "talkwatch: the native Prisma schema engine is not used; run 'npm run db:migrate'" >&2
exit 1
