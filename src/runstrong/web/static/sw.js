// runstrong service worker: keeps gym-floor mode and the morning check-in working without a
// network. Those pages are fetched from the network when there is one (and kept), and served from the cache
// when there is none; static files are served from the cache and refreshed behind it.
// Nothing else is intercepted: API calls and other pages always go to the server.
"use strict";
const CACHE = "runstrong-gym-v3";
const ASSETS = ["/static/app.css", "/static/app.js", "/static/gym.css", "/static/gym_store.js", "/static/gym_timer.js", "/static/gym.js", "/static/checkin.css", "/static/checkin.js", "/static/favicon.svg", "/manifest.webmanifest"];
const GYM_PAGE = /^\/athletes\/\d+\/(gym|checkin)\/?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function offlinePage() {
  const body = "<!doctype html><title>Offline</title><p>Offline, and this page was never opened here with a network. Open gym-floor mode once online first.</p>";
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (GYM_PAGE.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
          }
          return response;
        })
        .catch(() => caches.match(url.pathname).then((hit) => hit || offlinePage()))
    );
    return;
  }
  if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(
      caches.match(request).then((hit) => {
        const fresh = fetch(request)
          .then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          })
          .catch(() => hit || Response.error());
        return hit || fresh;
      })
    );
  }
});
