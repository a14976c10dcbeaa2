// worker: postTask runs user-blocking, then user-visible, then background, whatever the order they were posted in
const log = (s) => console.log(s);
scheduler.postTask(() => log('background 1'), { priority: 'background' });
scheduler.postTask(() => log('visible 1'));
scheduler.postTask(() => log('blocking 1'), { priority: 'user-blocking' });
scheduler.postTask(() => log('background 2'), { priority: 'background' });
scheduler.postTask(() => log('visible 2'), { priority: 'user-visible' });
scheduler.postTask(() => log('blocking 2'), { priority: 'user-blocking' });
log('script end');
