// Indicator charts: each indicator's plan against result by year (chart.js), exportable as PNG.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip } from 'chart.js';
import { escape } from './html.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

const SERIES = [
  { key: 'plan', label: '计划', color: '#9ecae1' },
  { key: 'actual', label: '实际', color: '#1f5fa8' },
  { key: 'estimate', label: '预计', color: '#fd8d3c' },
];

// Canvases are transparent; paint white first so the exported PNG reads on any viewer.
const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

function title(indicator) {
  const unit = indicator.unit ? `（${indicator.unit}）` : '';
  const measure = indicator.measure === 'growth' ? ' · 增长' : indicator.measure === 'value' ? ' · 绝对值' : '';
  return `${indicator.name}${measure}${unit}`;
}

export function chartDialog(elements, font) {
  const { dialog, list, canvas, heading, note, exportButton, download } = elements;
  Chart.defaults.font.family = font;
  let chart = null;
  let indicators = [];

  function draw(index) {
    const indicator = indicators[index];
    list.querySelectorAll('li').forEach((li) => li.classList.toggle('active', Number(li.dataset.index) === index));
    const series = SERIES.filter((s) => indicator.points.some((p) => p[s.key] != null));
    chart?.destroy();
    chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: indicator.points.map((p) => `${p.year} 年`),
        datasets: series.map((s) => ({ label: s.label, data: indicator.points.map((p) => p[s.key]), backgroundColor: s.color })),
      },
      options: {
        animation: false,
        responsive: false,
        plugins: { title: { display: true, text: title(indicator), font: { size: 15 } }, legend: { position: 'bottom' } },
        scales: { y: { title: { display: !!indicator.unit, text: indicator.unit ?? '' } } },
      },
      plugins: [whiteBackground],
    });
    note.textContent = indicator.aliases.length ? `另见：${indicator.aliases.join('、')}` : '';
    exportButton.dataset.name = title(indicator);
  }

  exportButton.addEventListener('click', () => {
    if (!chart) return;
    download.href = canvas.toDataURL('image/png');
    download.download = `${exportButton.dataset.name}.png`;
    download.click();
  });

  return {
    async open(district) {
      const response = await fetch(`/api/indicators?${new URLSearchParams({ district })}`);
      if (!response.ok) throw new Error(`/api/indicators: ${response.status}`);
      ({ indicators } = await response.json());
      heading.textContent = `${district} 主要指标：计划与实际`;
      list.innerHTML = indicators.map((indicator, i) => `<li data-index="${i}">${escape(title(indicator))}</li>`).join('')
        || '<li class="muted">该区县报告中没有指标表</li>';
      list.querySelectorAll('li[data-index]').forEach((li) => li.addEventListener('click', () => draw(Number(li.dataset.index))));
      if (!dialog.open) dialog.showModal();
      if (indicators.length) draw(0);
      else { chart?.destroy(); chart = null; }
    },
    get chart() { return chart; },
  };
}
