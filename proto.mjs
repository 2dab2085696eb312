import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en-min';
import fs from 'node:fs';
const corpus = JSON.parse(fs.readFileSync('src/nlu/offline/corpus.json','utf8'));
const container = await containerBootstrap();
container.use(Nlp); container.use(LangEn);
const base = container.get('stemmer-en');
const baseStem = base.stem.bind(base);


const nlp = container.get('nlp');
nlp.settings.autoSave = false; nlp.settings.calculateSentiment = false; nlp.settings.forceNER = true; nlp.settings.threshold = 0;
nlp.addLanguage('en');
const cats = {laptops:['laptop','laptops','notebook','macbook'], phones:['phone','phones','smartphone','iphone'], headphones:['headphones','earbuds','headset','earphones'], shoes:['shoes','sneakers','trainers','running shoes','boots'], jackets:['jacket','jackets','coat','rain coat','parka'], tshirts:['t-shirt','t-shirts','tee','tees','tshirt'], dresses:['dress','dresses'], hoodies:['hoodie','hoodies','sweatshirt','sweater'], kitchen:['kitchen','cookware','coffee maker','espresso machine'], home:['home','lamp','decor'], sports:['sports','outdoor','yoga mat','tent','camping'], tablets:['tablet','tablets','ipad'] };
for (const [k,v] of Object.entries(cats)) nlp.addNerRuleOptionTexts('en','category',k,v);
for (const c of ['black','white','blue','red','green','grey','gray','navy','pink','silver','beige','brown','yellow','purple','orange']) nlp.addNerRuleOptionTexts('en','color',c,[c]);
for (const [k,v] of Object.entries({S:['small'],M:['medium'],L:['large'],XL:['extra large','xl'],XS:['extra small','xs'],XXL:['xxl']})) nlp.addNerRuleOptionTexts('en','size',k,v);
for (const b of ['Northwind','Aurora','Summit','Trailside']) nlp.addNerRuleOptionTexts('en','brand',b,[b]);
nlp.addNerRegexRule('en','number',/\$?\d+(?:\.\d+)?/gi);
const test=[];
const train=[];
for (const [intent, utts] of Object.entries(corpus)) utts.forEach((u,i)=> i%5===4 ? test.push([u,intent]) : train.push([u,intent]));
for (const [u,intent] of train) { nlp.addDocument('en', u, intent); const d = await nlp.ner.generateEntityUtterance('en', u); if (d && d!==u) nlp.addDocument('en', d, intent); }
nlp.nluManager.settings.log = false;
let t=performance.now(); await nlp.train(); console.log('train ms', performance.now()-t);
let ok=0; t=performance.now(); const wrong=[];
for (const [u,intent] of test) { const r = await nlp.process('en', u, undefined, {spellCheck: true}); if (r.intent===intent) ok++; else wrong.push(`${u} => ${r.intent} (${intent}) ${r.score.toFixed(2)}`); }
console.log('acc', ok/test.length, 'per', (performance.now()-t)/test.length, 'ms');
console.log(wrong.join('\n'));
const r = await nlp.process('en', 'show me blue hoodies under $50', undefined, {spellCheck:true}); console.log(r.intent, r.entities.map(e=>[e.entity,e.option,e.sourceText, e.accuracy]));
const r2 = await nlp.process('en', 'shw me hodies in meduim', undefined, {spellCheck:true}); console.log(r2.intent, r2.entities.map(e=>[e.entity,e.option,e.sourceText, e.accuracy]));
