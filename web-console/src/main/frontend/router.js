import { createRouter, createWebHistory } from 'vue-router'
import { loadSession, session } from './session.js'

// Keep the paths in step with ConsoleAutoConfiguration.APP_ROUTES (the gateway answers them with
// index.html). Pages under /public need no login; the others are behind the gateway's login.
export const routes = [
  {
    path: '/',
    name: 'home',
    component: { render: () => null },
    // the session is known only after /api/me: decide here, not in a static redirect
    beforeEnter: async () => {
      await loadSession()
      return session.me ? { name: 'dashboard' } : { name: 'honor-roll' }
    },
  },
  { path: '/public', redirect: { name: 'honor-roll' } },
  { path: '/public/honor-roll', name: 'honor-roll', component: () => import('./views/HonorRoll.vue'), meta: { title: 'nav.honorRoll' } },
  { path: '/public/notices', name: 'notices', component: () => import('./views/Notices.vue'), meta: { title: 'nav.notices' } },
  { path: '/public/ledger/:campaignId?', name: 'ledger', component: () => import('./views/Ledger.vue'), meta: { title: 'nav.ledger' } },
  { path: '/dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue'), meta: { auth: true, title: 'nav.dashboard' } },
  { path: '/organizations', name: 'organizations', component: () => import('./views/Organizations.vue'), meta: { auth: true, title: 'nav.organizations' } },
  { path: '/organizations/import', name: 'member-import', component: () => import('./views/MemberImport.vue'), meta: { auth: true, title: 'import.title' } },
  { path: '/members/:id', name: 'member', component: () => import('./views/MemberDetail.vue'), meta: { auth: true, title: 'member.title' } },
  { path: '/activities', name: 'activities', component: () => import('./views/Activities.vue'), meta: { auth: true, title: 'nav.activities' } },
  { path: '/sign-in/:activityId', name: 'sign-in', component: () => import('./views/SignIn.vue'), meta: { auth: true, title: 'activity.signIn' } },
  { path: '/donations', name: 'donations', component: () => import('./views/Donations.vue'), meta: { auth: true, title: 'nav.donations' } },
  { path: '/honors', name: 'honors', component: () => import('./views/Honors.vue'), meta: { auth: true, title: 'nav.honors' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue'), meta: { title: 'notFound.title' } },
]

export function makeRouter(history = createWebHistory()) {
  const router = createRouter({ history, routes })
  router.beforeEach(async (to) => {
    await loadSession()
    if (to.meta.auth && !session.me) {
      // A full navigation: the gateway sends the browser to Keycloak and back to this very page.
      window.location.assign(to.fullPath)
      return false
    }
    return true
  })
  return router
}
