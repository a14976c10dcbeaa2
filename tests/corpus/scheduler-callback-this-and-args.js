// worker: a postTask callback is called with no arguments and an undefined this, and a fractional delay is truncated
scheduler.postTask(function () {
  'use strict';
  console.log('arguments', arguments.length, 'this', this);
});
scheduler.postTask(function () {
  console.log('sloppy this is the global', this === self);
});
scheduler.postTask(() => console.log('delay 20.9'), { delay: 20.9 });
scheduler.postTask(() => console.log('delay 10'), { delay: 10 });
scheduler.postTask(() => console.log('delay "5"'), { delay: '5' });
