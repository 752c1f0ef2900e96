import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The gateway (BFF) when developing with `npm run dev`: same-origin calls, its session cookie.
const gateway = process.env.GATEWAY_URL || 'http://localhost:8080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: only the components a page uses, with their CSS.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
    Components({ resolvers: [ElementPlusResolver()], dirs: ['src/main/frontend/components'], dts: false }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src/main/frontend', import.meta.url)) } },
  build: {
    // Straight into the jar's static location (the gateway serves META-INF/resources at "/").
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    assetsDir: 'assets',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1100,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/oauth2', '/login', '/logout'].map((p) => [p, { target: gateway }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/test/frontend/**/*.test.js'],
    css: false,
    server: { deps: { inline: ['element-plus'] } },
  },
})
