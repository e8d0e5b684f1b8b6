// The region packs: the province, and one Zhejiang city each with its county-level divisions in
// adcode order —
// today's divisions (after Hangzhou's 2021 reform: 临平区 and 钱塘区 new, 下城区 and 江干区
// gone; 临安区, 奉化区, 玉环市 and 龙港市 with their current codes). Names and map centres
// come from the bundled GeoJSON (see geo/SOURCE.md); every county's resident population (万人,
// the 2020 census as the cities' bulletins give it, to about 1 万; Hangzhou's by its 2021
// districts) weights the simulator's counties by their people.
import type { CityInfo, RegionPack } from './region-pack';

const CITY_PACKS = {
  hangzhou: {
    id: 'hangzhou',
    name: '杭州市',
    adcode: '330100',
    level: 'city',
    counties: [
      { adcode: '330102', name: '上城区', center: [120.1715, 30.2502], populationWan: 132.5 },
      { adcode: '330105', name: '拱墅区', center: [120.1501, 30.3147], populationWan: 118.4 },
      { adcode: '330106', name: '西湖区', center: [120.1474, 30.2729], populationWan: 114.6 },
      { adcode: '330108', name: '滨江区', center: [120.2106, 30.2066], populationWan: 50.4 },
      { adcode: '330109', name: '萧山区', center: [120.2707, 30.1629], populationWan: 201.1 },
      { adcode: '330110', name: '余杭区', center: [119.979, 30.2736], populationWan: 126.9 },
      { adcode: '330111', name: '富阳区', center: [119.9499, 30.0499], populationWan: 83.5 },
      { adcode: '330112', name: '临安区', center: [119.7151, 30.2312], populationWan: 63.5 },
      { adcode: '330113', name: '临平区', center: [120.2994, 30.419], populationWan: 117.5 },
      { adcode: '330114', name: '钱塘区', center: [120.494, 30.3229], populationWan: 76.9 },
      { adcode: '330122', name: '桐庐县', center: [119.685, 29.7974], populationWan: 45.5 },
      { adcode: '330127', name: '淳安县', center: [119.0443, 29.6042], populationWan: 32.9 },
      { adcode: '330182', name: '建德市', center: [119.2791, 29.4723], populationWan: 44.3 },
    ],
  },
  ningbo: {
    id: 'ningbo',
    name: '宁波市',
    adcode: '330200',
    level: 'city',
    counties: [
      { adcode: '330203', name: '海曙区', center: [121.5397, 29.8745], populationWan: 102.3 },
      { adcode: '330205', name: '江北区', center: [121.5593, 29.8884], populationWan: 49.1 },
      { adcode: '330206', name: '北仑区', center: [121.8313, 29.9094], populationWan: 82.6 },
      { adcode: '330211', name: '镇海区', center: [121.7132, 29.9521], populationWan: 50.3 },
      { adcode: '330212', name: '鄞州区', center: [121.5584, 29.8317], populationWan: 161.0 },
      { adcode: '330213', name: '奉化区', center: [121.4109, 29.6623], populationWan: 57.7 },
      { adcode: '330225', name: '象山县', center: [121.8771, 29.4702], populationWan: 56.1 },
      { adcode: '330226', name: '宁海县', center: [121.4326, 29.2998], populationWan: 69.6 },
      { adcode: '330281', name: '余姚市', center: [121.1563, 30.0454], populationWan: 125.4 },
      { adcode: '330282', name: '慈溪市', center: [121.2481, 30.1771], populationWan: 182.9 },
    ],
  },
  wenzhou: {
    id: 'wenzhou',
    name: '温州市',
    adcode: '330300',
    level: 'city',
    counties: [
      { adcode: '330302', name: '鹿城区', center: [120.6742, 28.0034], populationWan: 135.8 },
      { adcode: '330303', name: '龙湾区', center: [120.7635, 27.9703], populationWan: 77.5 },
      { adcode: '330304', name: '瓯海区', center: [120.6371, 28.0064], populationWan: 98.1 },
      { adcode: '330305', name: '洞头区', center: [121.1562, 27.8361], populationWan: 10.1 },
      { adcode: '330324', name: '永嘉县', center: [120.691, 28.1539], populationWan: 86.9 },
      { adcode: '330326', name: '平阳县', center: [120.5644, 27.6693], populationWan: 76.2 },
      { adcode: '330327', name: '苍南县', center: [120.4063, 27.5077], populationWan: 84.4 },
      { adcode: '330328', name: '文成县', center: [120.0924, 27.7891], populationWan: 28.9 },
      { adcode: '330329', name: '泰顺县', center: [119.7162, 27.5573], populationWan: 26.6 },
      { adcode: '330381', name: '瑞安市', center: [120.6462, 27.7793], populationWan: 152.0 },
      { adcode: '330382', name: '乐清市', center: [120.9671, 28.1161], populationWan: 145.3 },
      { adcode: '330383', name: '龙港市', center: [120.553, 27.5782], populationWan: 46.5 },
    ],
  },
  jiaxing: {
    id: 'jiaxing',
    name: '嘉兴市',
    adcode: '330400',
    level: 'city',
    counties: [
      { adcode: '330402', name: '南湖区', center: [120.75, 30.7647], populationWan: 62.9 },
      { adcode: '330411', name: '秀洲区', center: [120.7204, 30.7633], populationWan: 72.4 },
      { adcode: '330421', name: '嘉善县', center: [120.9219, 30.8414], populationWan: 64.8 },
      { adcode: '330424', name: '海盐县', center: [120.942, 30.5222], populationWan: 45.2 },
      { adcode: '330481', name: '海宁市', center: [120.6888, 30.5255], populationWan: 107.6 },
      { adcode: '330482', name: '平湖市', center: [121.0147, 30.6989], populationWan: 67.2 },
      { adcode: '330483', name: '桐乡市', center: [120.5511, 30.6291], populationWan: 102.9 },
    ],
  },
  huzhou: {
    id: 'huzhou',
    name: '湖州市',
    adcode: '330500',
    level: 'city',
    counties: [
      { adcode: '330502', name: '吴兴区', center: [120.1014, 30.8673], populationWan: 81.0 },
      { adcode: '330503', name: '南浔区', center: [120.4172, 30.8727], populationWan: 53.8 },
      { adcode: '330521', name: '德清县', center: [119.9677, 30.5349], populationWan: 54.9 },
      { adcode: '330522', name: '长兴县', center: [119.9101, 31.0048], populationWan: 67.2 },
      { adcode: '330523', name: '安吉县', center: [119.6879, 30.632], populationWan: 58.7 },
    ],
  },
  shaoxing: {
    id: 'shaoxing',
    name: '绍兴市',
    adcode: '330600',
    level: 'city',
    counties: [
      { adcode: '330602', name: '越城区', center: [120.5853, 29.997], populationWan: 102.6 },
      { adcode: '330603', name: '柯桥区', center: [120.4761, 30.078], populationWan: 109.0 },
      { adcode: '330604', name: '上虞区', center: [120.8742, 30.0168], populationWan: 83.2 },
      { adcode: '330624', name: '新昌县', center: [120.9057, 29.5012], populationWan: 43.0 },
      { adcode: '330681', name: '诸暨市', center: [120.2443, 29.7137], populationWan: 121.8 },
      { adcode: '330683', name: '嵊州市', center: [120.8289, 29.5866], populationWan: 67.5 },
    ],
  },
  jinhua: {
    id: 'jinhua',
    name: '金华市',
    adcode: '330700',
    level: 'city',
    counties: [
      { adcode: '330702', name: '婺城区', center: [119.6526, 29.0826], populationWan: 93.2 },
      { adcode: '330703', name: '金东区', center: [119.6813, 29.0958], populationWan: 49.3 },
      { adcode: '330723', name: '武义县', center: [119.8192, 28.8966], populationWan: 46.6 },
      { adcode: '330726', name: '浦江县', center: [119.8934, 29.4513], populationWan: 46.1 },
      { adcode: '330727', name: '磐安县', center: [120.4451, 29.0526], populationWan: 18.0 },
      { adcode: '330781', name: '兰溪市', center: [119.4605, 29.2101], populationWan: 58.0 },
      { adcode: '330782', name: '义乌市', center: [120.0749, 29.3069], populationWan: 185.9 },
      { adcode: '330783', name: '东阳市', center: [120.2333, 29.2625], populationWan: 108.9 },
      { adcode: '330784', name: '永康市', center: [120.0363, 28.8953], populationWan: 96.5 },
    ],
  },
  quzhou: {
    id: 'quzhou',
    name: '衢州市',
    adcode: '330800',
    level: 'city',
    counties: [
      { adcode: '330802', name: '柯城区', center: [118.873, 28.9445], populationWan: 52.7 },
      { adcode: '330803', name: '衢江区', center: [118.9577, 28.9732], populationWan: 37.5 },
      { adcode: '330822', name: '常山县', center: [118.5217, 28.9], populationWan: 25.9 },
      { adcode: '330824', name: '开化县', center: [118.4144, 29.1365], populationWan: 24.6 },
      { adcode: '330825', name: '龙游县', center: [119.1725, 29.0314], populationWan: 36.2 },
      { adcode: '330881', name: '江山市', center: [118.6279, 28.7347], populationWan: 50.7 },
    ],
  },
  zhoushan: {
    id: 'zhoushan',
    name: '舟山市',
    adcode: '330900',
    level: 'city',
    counties: [
      { adcode: '330902', name: '定海区', center: [122.1085, 30.0164], populationWan: 50.4 },
      { adcode: '330903', name: '普陀区', center: [122.302, 29.9456], populationWan: 37.3 },
      { adcode: '330921', name: '岱山县', center: [122.2011, 30.2429], populationWan: 20.2 },
      { adcode: '330922', name: '嵊泗县', center: [122.4578, 30.7272], populationWan: 7.8 },
    ],
  },
  taizhou: {
    id: 'taizhou',
    name: '台州市',
    adcode: '331000',
    level: 'city',
    counties: [
      { adcode: '331002', name: '椒江区', center: [121.431, 28.6761], populationWan: 63.4 },
      { adcode: '331003', name: '黄岩区', center: [121.2621, 28.6449], populationWan: 66.3 },
      { adcode: '331004', name: '路桥区', center: [121.3729, 28.5818], populationWan: 64.2 },
      { adcode: '331022', name: '三门县', center: [121.3764, 29.119], populationWan: 37.0 },
      { adcode: '331023', name: '天台县', center: [121.0312, 29.1411], populationWan: 43.2 },
      { adcode: '331024', name: '仙居县', center: [120.7351, 28.8492], populationWan: 43.3 },
      { adcode: '331081', name: '温岭市', center: [121.3736, 28.3688], populationWan: 141.6 },
      { adcode: '331082', name: '临海市', center: [121.1312, 28.8454], populationWan: 114.3 },
      { adcode: '331083', name: '玉环市', center: [121.2323, 28.1284], populationWan: 64.4 },
    ],
  },
  lishui: {
    id: 'lishui',
    name: '丽水市',
    adcode: '331100',
    level: 'city',
    counties: [
      { adcode: '331102', name: '莲都区', center: [119.9223, 28.4511], populationWan: 59.1 },
      { adcode: '331121', name: '青田县', center: [120.2919, 28.1352], populationWan: 50.3 },
      { adcode: '331122', name: '缙云县', center: [120.079, 28.6542], populationWan: 40.5 },
      { adcode: '331123', name: '遂昌县', center: [119.2759, 28.5924], populationWan: 19.1 },
      { adcode: '331124', name: '松阳县', center: [119.4853, 28.4499], populationWan: 20.2 },
      { adcode: '331125', name: '云和县', center: [119.5695, 28.1111], populationWan: 12.5 },
      { adcode: '331126', name: '庆元县', center: [119.0672, 27.6182], populationWan: 14.5 },
      { adcode: '331127', name: '景宁畲族自治县', center: [119.6347, 27.9772], populationWan: 11.2 },
      { adcode: '331181', name: '龙泉市', center: [119.1323, 28.0692], populationWan: 24.7 },
    ],
  },
} as const satisfies Record<string, RegionPack>;

/** Where each city's label sits on the province map (from zhejiang.geojson). */
const CITY_CENTERS: Record<keyof typeof CITY_PACKS, readonly [number, number]> = {
  hangzhou: [120.1536, 30.2875],
  ningbo: [121.5498, 29.8684],
  wenzhou: [120.6721, 28.0006],
  jiaxing: [120.7509, 30.7627],
  huzhou: [120.1024, 30.8672],
  shaoxing: [120.5821, 29.9971],
  jinhua: [119.6495, 29.0895],
  quzhou: [118.8726, 28.9417],
  zhoushan: [122.1069, 30.016],
  taizhou: [121.4286, 28.6614],
  lishui: [119.9218, 28.452],
};

// The cities are listed in adcode order above, so their counties concatenate in adcode order.
const CITIES: readonly CityInfo[] = Object.values(CITY_PACKS).map((city) => ({
  id: city.id,
  adcode: city.adcode,
  name: city.name,
  center: CITY_CENTERS[city.id],
  counties: city.counties,
}));

/** The province: its 11 cities, and their 90 counties as its counties. */
const ZHEJIANG: RegionPack = {
  id: 'zhejiang',
  name: '浙江省',
  adcode: '330000',
  level: 'province',
  counties: CITIES.flatMap((city) => city.counties),
  cities: CITIES,
};

export const REGION_PACKS: Record<keyof typeof CITY_PACKS | 'zhejiang', RegionPack> = { ...CITY_PACKS, zhejiang: ZHEJIANG };

export type RegionId = keyof typeof REGION_PACKS;
