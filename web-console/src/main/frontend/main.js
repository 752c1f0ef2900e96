import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n/index.js'
import { makeRouter } from './router.js'
import './styles.css'

// ElMessage/ElMessageBox are called from scripts: their styles are not picked up by the template resolver.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'

document.documentElement.lang = i18n.global.locale.value
createApp(App).use(i18n).use(makeRouter()).mount('#app')
